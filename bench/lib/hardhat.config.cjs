// Hardhat 2 config for the node bench's peer (Hardhat Network = EDR, native revm). The suite passes
// the network settings (dev accounts, gas limit, mining interval) through METIS_BENCH_HARDHAT.
const settings = JSON.parse(process.env.METIS_BENCH_HARDHAT ?? '{}')
module.exports = { networks: { hardhat: settings } }
