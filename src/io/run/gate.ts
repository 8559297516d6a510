/**
 * A start gate: the server's Node runs this preload first, which blocks on fd 3 until mcp-vet writes
 * "1" (everything verified). Until then no file of the server has been loaded, so a refused start has
 * run none of its code; mcp-vet kills it instead. The checks of a warm start thus run while the
 * server's Node boots, not before.
 *
 * After that, fd 3 stays open as a lifeline (unreferenced: it keeps nothing alive, and nothing more
 * is ever written to it): its end means mcp-vet is gone, even killed outright (SIGKILL), and the
 * server is killed with it rather than left running without its supervisor.
 */
const GATE_SOURCE =
  "import{readSync}from'node:fs';import{Socket}from'node:net';const b=Buffer.alloc(1);let n=0;" +
  "for(;;){try{n=readSync(3,b,0,1,null);break}catch(e){if(e.code!=='EAGAIN')break;" +
  'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,5)}}' +
  'if(n!==1||b[0]!==49)process.exit(70);' +
  "const l=new Socket({fd:3,readable:true,writable:false});const d=()=>process.kill(process.pid,'SIGKILL');" +
  "l.on('error',d);l.on('end',d);l.on('close',d);l.resume();l.unref();";

/** Node options that put the gate before the server's own code. */
export const GATE_FLAGS: readonly string[] = ['--import', `data:text/javascript,${encodeURIComponent(GATE_SOURCE)}`];
