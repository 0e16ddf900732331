import { stateTestGroup } from './shared.js'

stateTestGroup(1)
