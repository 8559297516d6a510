/**
 * A start gate: the server's Node runs this preload first, which blocks on fd 3 until mcp-vet writes
 * "1" (everything verified) and then closes fd 3, so the server never sees it. Until then no file of
 * the server has been loaded, so a refused start has run none of its code; mcp-vet kills it instead.
 * The checks of a warm start thus run while the server's Node boots, not before.
 */
const GATE_SOURCE =
  "import{readSync,closeSync}from'node:fs';const b=Buffer.alloc(1);let n=0;" +
  "for(;;){try{n=readSync(3,b,0,1,null);break}catch(e){if(e.code!=='EAGAIN')break;" +
  'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,5)}}' +
  'if(n!==1||b[0]!==49)process.exit(70);closeSync(3);';

/** Node options that put the gate before the server's own code. */
export const GATE_FLAGS: readonly string[] = ['--import', `data:text/javascript,${encodeURIComponent(GATE_SOURCE)}`];
