// Generated code (see the header comment in keccak.ts for why it exists): keccak-f[1600] with
// every lane held in two int32 locals, theta/rho/pi/chi unrolled. Lane (x, y) lives at s[2(x+5y)] (low
// word) and s[2(x+5y)+1] (high word).
/* biome-ignore-all lint: generated */
const RC_LO = new Int32Array([
  1, 32898, 32906, -2147450880, 32907, -2147483647, -2147450751, 32777, 138, 136, -2147450871, -2147483638,
  -2147450741, 139, 32905, 32771, 32770, 128, 32778, -2147483638, -2147450751, 32896, -2147483647,
  -2147450872,
])
const RC_HI = new Int32Array([
  0, 0, -2147483648, -2147483648, 0, 0, -2147483648, -2147483648, 0, 0, 0, 0, 0, -2147483648, -2147483648,
  -2147483648, -2147483648, -2147483648, 0, -2147483648, -2147483648, -2147483648, 0, -2147483648,
])

/** Applies the 24-round keccak-f[1600] permutation to `s` (50 int32 words) in place. */
export function keccakF1600(s: Int32Array): void {
  let a00l = s[0]!,
    a00h = s[1]!,
    a10l = s[2]!,
    a10h = s[3]!,
    a20l = s[4]!,
    a20h = s[5]!,
    a30l = s[6]!,
    a30h = s[7]!,
    a40l = s[8]!,
    a40h = s[9]!,
    a01l = s[10]!,
    a01h = s[11]!,
    a11l = s[12]!,
    a11h = s[13]!,
    a21l = s[14]!,
    a21h = s[15]!,
    a31l = s[16]!,
    a31h = s[17]!,
    a41l = s[18]!,
    a41h = s[19]!,
    a02l = s[20]!,
    a02h = s[21]!,
    a12l = s[22]!,
    a12h = s[23]!,
    a22l = s[24]!,
    a22h = s[25]!,
    a32l = s[26]!,
    a32h = s[27]!,
    a42l = s[28]!,
    a42h = s[29]!,
    a03l = s[30]!,
    a03h = s[31]!,
    a13l = s[32]!,
    a13h = s[33]!,
    a23l = s[34]!,
    a23h = s[35]!,
    a33l = s[36]!,
    a33h = s[37]!,
    a43l = s[38]!,
    a43h = s[39]!,
    a04l = s[40]!,
    a04h = s[41]!,
    a14l = s[42]!,
    a14h = s[43]!,
    a24l = s[44]!,
    a24h = s[45]!,
    a34l = s[46]!,
    a34h = s[47]!,
    a44l = s[48]!,
    a44h = s[49]!
  let c0l: number,
    c0h: number,
    c1l: number,
    c1h: number,
    c2l: number,
    c2h: number,
    c3l: number,
    c3h: number,
    c4l: number,
    c4h: number
  let dl: number, dh: number
  let b00l: number,
    b00h: number,
    b10l: number,
    b10h: number,
    b20l: number,
    b20h: number,
    b30l: number,
    b30h: number,
    b40l: number,
    b40h: number,
    b01l: number,
    b01h: number,
    b11l: number,
    b11h: number,
    b21l: number,
    b21h: number,
    b31l: number,
    b31h: number,
    b41l: number,
    b41h: number,
    b02l: number,
    b02h: number,
    b12l: number,
    b12h: number,
    b22l: number,
    b22h: number,
    b32l: number,
    b32h: number,
    b42l: number,
    b42h: number,
    b03l: number,
    b03h: number,
    b13l: number,
    b13h: number,
    b23l: number,
    b23h: number,
    b33l: number,
    b33h: number,
    b43l: number,
    b43h: number,
    b04l: number,
    b04h: number,
    b14l: number,
    b14h: number,
    b24l: number,
    b24h: number,
    b34l: number,
    b34h: number,
    b44l: number,
    b44h: number
  for (let round = 0; round < 24; round++) {
    c0l = a00l ^ a01l ^ a02l ^ a03l ^ a04l
    c0h = a00h ^ a01h ^ a02h ^ a03h ^ a04h
    c1l = a10l ^ a11l ^ a12l ^ a13l ^ a14l
    c1h = a10h ^ a11h ^ a12h ^ a13h ^ a14h
    c2l = a20l ^ a21l ^ a22l ^ a23l ^ a24l
    c2h = a20h ^ a21h ^ a22h ^ a23h ^ a24h
    c3l = a30l ^ a31l ^ a32l ^ a33l ^ a34l
    c3h = a30h ^ a31h ^ a32h ^ a33h ^ a34h
    c4l = a40l ^ a41l ^ a42l ^ a43l ^ a44l
    c4h = a40h ^ a41h ^ a42h ^ a43h ^ a44h
    dl = c4l ^ ((c1l << 1) | (c1h >>> 31))
    dh = c4h ^ ((c1h << 1) | (c1l >>> 31))
    a00l ^= dl
    a00h ^= dh
    a01l ^= dl
    a01h ^= dh
    a02l ^= dl
    a02h ^= dh
    a03l ^= dl
    a03h ^= dh
    a04l ^= dl
    a04h ^= dh
    dl = c0l ^ ((c2l << 1) | (c2h >>> 31))
    dh = c0h ^ ((c2h << 1) | (c2l >>> 31))
    a10l ^= dl
    a10h ^= dh
    a11l ^= dl
    a11h ^= dh
    a12l ^= dl
    a12h ^= dh
    a13l ^= dl
    a13h ^= dh
    a14l ^= dl
    a14h ^= dh
    dl = c1l ^ ((c3l << 1) | (c3h >>> 31))
    dh = c1h ^ ((c3h << 1) | (c3l >>> 31))
    a20l ^= dl
    a20h ^= dh
    a21l ^= dl
    a21h ^= dh
    a22l ^= dl
    a22h ^= dh
    a23l ^= dl
    a23h ^= dh
    a24l ^= dl
    a24h ^= dh
    dl = c2l ^ ((c4l << 1) | (c4h >>> 31))
    dh = c2h ^ ((c4h << 1) | (c4l >>> 31))
    a30l ^= dl
    a30h ^= dh
    a31l ^= dl
    a31h ^= dh
    a32l ^= dl
    a32h ^= dh
    a33l ^= dl
    a33h ^= dh
    a34l ^= dl
    a34h ^= dh
    dl = c3l ^ ((c0l << 1) | (c0h >>> 31))
    dh = c3h ^ ((c0h << 1) | (c0l >>> 31))
    a40l ^= dl
    a40h ^= dh
    a41l ^= dl
    a41h ^= dh
    a42l ^= dl
    a42h ^= dh
    a43l ^= dl
    a43h ^= dh
    a44l ^= dl
    a44h ^= dh
    b00l = a00l
    b00h = a00h
    b13l = (a01h << 4) | (a01l >>> 28)
    b13h = (a01l << 4) | (a01h >>> 28)
    b21l = (a02l << 3) | (a02h >>> 29)
    b21h = (a02h << 3) | (a02l >>> 29)
    b34l = (a03h << 9) | (a03l >>> 23)
    b34h = (a03l << 9) | (a03h >>> 23)
    b42l = (a04l << 18) | (a04h >>> 14)
    b42h = (a04h << 18) | (a04l >>> 14)
    b02l = (a10l << 1) | (a10h >>> 31)
    b02h = (a10h << 1) | (a10l >>> 31)
    b10l = (a11h << 12) | (a11l >>> 20)
    b10h = (a11l << 12) | (a11h >>> 20)
    b23l = (a12l << 10) | (a12h >>> 22)
    b23h = (a12h << 10) | (a12l >>> 22)
    b31l = (a13h << 13) | (a13l >>> 19)
    b31h = (a13l << 13) | (a13h >>> 19)
    b44l = (a14l << 2) | (a14h >>> 30)
    b44h = (a14h << 2) | (a14l >>> 30)
    b04l = (a20h << 30) | (a20l >>> 2)
    b04h = (a20l << 30) | (a20h >>> 2)
    b12l = (a21l << 6) | (a21h >>> 26)
    b12h = (a21h << 6) | (a21l >>> 26)
    b20l = (a22h << 11) | (a22l >>> 21)
    b20h = (a22l << 11) | (a22h >>> 21)
    b33l = (a23l << 15) | (a23h >>> 17)
    b33h = (a23h << 15) | (a23l >>> 17)
    b41l = (a24h << 29) | (a24l >>> 3)
    b41h = (a24l << 29) | (a24h >>> 3)
    b01l = (a30l << 28) | (a30h >>> 4)
    b01h = (a30h << 28) | (a30l >>> 4)
    b14l = (a31h << 23) | (a31l >>> 9)
    b14h = (a31l << 23) | (a31h >>> 9)
    b22l = (a32l << 25) | (a32h >>> 7)
    b22h = (a32h << 25) | (a32l >>> 7)
    b30l = (a33l << 21) | (a33h >>> 11)
    b30h = (a33h << 21) | (a33l >>> 11)
    b43l = (a34h << 24) | (a34l >>> 8)
    b43h = (a34l << 24) | (a34h >>> 8)
    b03l = (a40l << 27) | (a40h >>> 5)
    b03h = (a40h << 27) | (a40l >>> 5)
    b11l = (a41l << 20) | (a41h >>> 12)
    b11h = (a41h << 20) | (a41l >>> 12)
    b24l = (a42h << 7) | (a42l >>> 25)
    b24h = (a42l << 7) | (a42h >>> 25)
    b32l = (a43l << 8) | (a43h >>> 24)
    b32h = (a43h << 8) | (a43l >>> 24)
    b40l = (a44l << 14) | (a44h >>> 18)
    b40h = (a44h << 14) | (a44l >>> 18)
    a00l = b00l ^ (~b10l & b20l)
    a00h = b00h ^ (~b10h & b20h)
    a10l = b10l ^ (~b20l & b30l)
    a10h = b10h ^ (~b20h & b30h)
    a20l = b20l ^ (~b30l & b40l)
    a20h = b20h ^ (~b30h & b40h)
    a30l = b30l ^ (~b40l & b00l)
    a30h = b30h ^ (~b40h & b00h)
    a40l = b40l ^ (~b00l & b10l)
    a40h = b40h ^ (~b00h & b10h)
    a01l = b01l ^ (~b11l & b21l)
    a01h = b01h ^ (~b11h & b21h)
    a11l = b11l ^ (~b21l & b31l)
    a11h = b11h ^ (~b21h & b31h)
    a21l = b21l ^ (~b31l & b41l)
    a21h = b21h ^ (~b31h & b41h)
    a31l = b31l ^ (~b41l & b01l)
    a31h = b31h ^ (~b41h & b01h)
    a41l = b41l ^ (~b01l & b11l)
    a41h = b41h ^ (~b01h & b11h)
    a02l = b02l ^ (~b12l & b22l)
    a02h = b02h ^ (~b12h & b22h)
    a12l = b12l ^ (~b22l & b32l)
    a12h = b12h ^ (~b22h & b32h)
    a22l = b22l ^ (~b32l & b42l)
    a22h = b22h ^ (~b32h & b42h)
    a32l = b32l ^ (~b42l & b02l)
    a32h = b32h ^ (~b42h & b02h)
    a42l = b42l ^ (~b02l & b12l)
    a42h = b42h ^ (~b02h & b12h)
    a03l = b03l ^ (~b13l & b23l)
    a03h = b03h ^ (~b13h & b23h)
    a13l = b13l ^ (~b23l & b33l)
    a13h = b13h ^ (~b23h & b33h)
    a23l = b23l ^ (~b33l & b43l)
    a23h = b23h ^ (~b33h & b43h)
    a33l = b33l ^ (~b43l & b03l)
    a33h = b33h ^ (~b43h & b03h)
    a43l = b43l ^ (~b03l & b13l)
    a43h = b43h ^ (~b03h & b13h)
    a04l = b04l ^ (~b14l & b24l)
    a04h = b04h ^ (~b14h & b24h)
    a14l = b14l ^ (~b24l & b34l)
    a14h = b14h ^ (~b24h & b34h)
    a24l = b24l ^ (~b34l & b44l)
    a24h = b24h ^ (~b34h & b44h)
    a34l = b34l ^ (~b44l & b04l)
    a34h = b34h ^ (~b44h & b04h)
    a44l = b44l ^ (~b04l & b14l)
    a44h = b44h ^ (~b04h & b14h)
    a00l ^= RC_LO[round]!
    a00h ^= RC_HI[round]!
  }
  s[0] = a00l
  s[1] = a00h
  s[2] = a10l
  s[3] = a10h
  s[4] = a20l
  s[5] = a20h
  s[6] = a30l
  s[7] = a30h
  s[8] = a40l
  s[9] = a40h
  s[10] = a01l
  s[11] = a01h
  s[12] = a11l
  s[13] = a11h
  s[14] = a21l
  s[15] = a21h
  s[16] = a31l
  s[17] = a31h
  s[18] = a41l
  s[19] = a41h
  s[20] = a02l
  s[21] = a02h
  s[22] = a12l
  s[23] = a12h
  s[24] = a22l
  s[25] = a22h
  s[26] = a32l
  s[27] = a32h
  s[28] = a42l
  s[29] = a42h
  s[30] = a03l
  s[31] = a03h
  s[32] = a13l
  s[33] = a13h
  s[34] = a23l
  s[35] = a23h
  s[36] = a33l
  s[37] = a33h
  s[38] = a43l
  s[39] = a43h
  s[40] = a04l
  s[41] = a04h
  s[42] = a14l
  s[43] = a14h
  s[44] = a24l
  s[45] = a24h
  s[46] = a34l
  s[47] = a34h
  s[48] = a44l
  s[49] = a44h
}
