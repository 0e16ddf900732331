# Generates the unrolled keccak-f[1600] permutation for packages/primitives/src/hash/keccak-f1600.ts
R = [[0,36,3,41,18],[1,44,10,45,2],[62,6,43,15,61],[28,55,25,21,56],[27,20,39,8,14]]  # R[x][y]
RC = [0x0000000000000001,0x0000000000008082,0x800000000000808A,0x8000000080008000,0x000000000000808B,0x0000000080000001,0x8000000080008081,0x8000000000008009,0x000000000000008A,0x0000000000000088,0x0000000080008009,0x000000008000000A,0x000000008000808B,0x800000000000008B,0x8000000000008089,0x8000000000008003,0x8000000000008002,0x8000000000000080,0x000000000000800A,0x800000008000000A,0x8000000080008081,0x8000000000008080,0x0000000080000001,0x8000000080008008]
def lo(x,y): return f"a{x}{y}l"
def hi(x,y): return f"a{x}{y}h"
out=[]
w=out.append
w("// Generated code (see the header comment in keccak.ts for why it exists): keccak-f[1600] with")
w("// every lane held in two int32 locals, theta/rho/pi/chi unrolled. Lane (x, y) lives at s[2(x+5y)] (low")
w("// word) and s[2(x+5y)+1] (high word).")
w("/* biome-ignore-all lint: generated */")
w("const RC_LO = new Int32Array([" + ", ".join(str((c & 0xffffffff) - (1<<32 if (c & 0xffffffff) >= 1<<31 else 0)) for c in RC) + "])")
w("const RC_HI = new Int32Array([" + ", ".join(str(((c>>32) & 0xffffffff) - (1<<32 if ((c>>32)&0xffffffff) >= 1<<31 else 0)) for c in RC) + "])")
w("")
w("/** Applies the 24-round keccak-f[1600] permutation to `s` (50 int32 words) in place. */")
w("export function keccakF1600(s: Int32Array): void {")
decl=[]
for y in range(5):
  for x in range(5):
    i=2*(x+5*y)
    decl.append(f"{lo(x,y)} = s[{i}]!, {hi(x,y)} = s[{i+1}]!")
w("  let " + ",\n    ".join(decl))
w("  let c0l: number, c0h: number, c1l: number, c1h: number, c2l: number, c2h: number, c3l: number, c3h: number, c4l: number, c4h: number")
w("  let dl: number, dh: number")
bdecl=", ".join(f"b{x}{y}l: number, b{x}{y}h: number" for y in range(5) for x in range(5))
w("  let " + bdecl)
w("  for (let round = 0; round < 24; round++) {")
for x in range(5):
  w(f"    c{x}l = {' ^ '.join(lo(x,y) for y in range(5))}")
  w(f"    c{x}h = {' ^ '.join(hi(x,y) for y in range(5))}")
for x in range(5):
  xm=(x+4)%5; xp=(x+1)%5
  # D = C[x-1] ^ rotl(C[x+1],1)
  w(f"    dl = c{xm}l ^ ((c{xp}l << 1) | (c{xp}h >>> 31))")
  w(f"    dh = c{xm}h ^ ((c{xp}h << 1) | (c{xp}l >>> 31))")
  for y in range(5):
    w(f"    {lo(x,y)} ^= dl")
    w(f"    {hi(x,y)} ^= dh")
# rho pi: B[y][(2x+3y)%5] = rotl(A[x][y], R[x][y])
for x in range(5):
  for y in range(5):
    X=y; Y=(2*x+3*y)%5
    n=R[x][y]
    L=lo(x,y); H=hi(x,y)
    bl=f"b{X}{Y}l"; bh=f"b{X}{Y}h"
    if n==0:
      w(f"    {bl} = {L}"); w(f"    {bh} = {H}")
    elif n<32:
      w(f"    {bl} = ({L} << {n}) | ({H} >>> {32-n})")
      w(f"    {bh} = ({H} << {n}) | ({L} >>> {32-n})")
    elif n==32:
      w(f"    {bl} = {H}"); w(f"    {bh} = {L}")
    else:
      m=n-32
      w(f"    {bl} = ({H} << {m}) | ({L} >>> {32-m})")
      w(f"    {bh} = ({L} << {m}) | ({H} >>> {32-m})")
# chi
for y in range(5):
  for x in range(5):
    x1=(x+1)%5; x2=(x+2)%5
    w(f"    {lo(x,y)} = b{x}{y}l ^ (~b{x1}{y}l & b{x2}{y}l)")
    w(f"    {hi(x,y)} = b{x}{y}h ^ (~b{x1}{y}h & b{x2}{y}h)")
w(f"    {lo(0,0)} ^= RC_LO[round]!")
w(f"    {hi(0,0)} ^= RC_HI[round]!")
w("  }")
for y in range(5):
  for x in range(5):
    i=2*(x+5*y)
    w(f"  s[{i}] = {lo(x,y)}")
    w(f"  s[{i+1}] = {hi(x,y)}")
w("}")
open(__import__('os').path.join(__import__('os').path.dirname(__file__), '../src/hash/keccak-f1600.ts'),'w').write("\n".join(out)+"\n")
