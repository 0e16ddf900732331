import { stateTestGroup } from './shared.js'

stateTestGroup(2)
