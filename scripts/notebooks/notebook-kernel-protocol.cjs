/**
 * Two fixes to tslab 1.0.22's side of the Jupyter protocol, applied by the kernel launcher
 * (notebook-kernel.cjs) to tslab's own classes before the kernel starts:
 *
 * 1. Execution counts. tslab counts executions and puts the count in its `execute_reply`, but
 *    never publishes `execute_input` on IOPub. Jupyter's executors (nbclient, hence
 *    `jupyter nbconvert --execute` and our runner) take a cell's count from IOPub only, so every
 *    executed copy and its HTML export showed `In [ ]:`. We publish `execute_input` (the code and
 *    the count the cell is about to get) when a cell starts, as ipykernel does.
 * 2. Kernel info. tslab answers `kernel_info_request` with hard-coded versions (tslab 1.0.0,
 *    TypeScript 3.7.2) and no `status`; we report the tslab and TypeScript actually loaded, and
 *    status "ok".
 *
 * Both patch prototypes of tslab/dist/jupyter.js (exported classes). If tslab changes shape, the
 * patch is skipped with one line on stderr (Jupyter's log, never a cell) and the kernel runs as is.
 */
"use strict";
const fs = require("fs");
const path = require("path");

function versionOf(packageDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

/**
 * Patches tslab's JupyterHandlerImpl and ZmqServer in place. `tslabDir` is the tslab package folder;
 * `typescriptVersion` the version of the TypeScript tslab compiles with.
 */
function patchTslabProtocol({ tslabDir, typescriptVersion }) {
  const jupyter = require(path.join(tslabDir, "dist", "jupyter.js"));
  const { JupyterHandlerImpl, ZmqServer } = jupyter;
  const handler = JupyterHandlerImpl && JupyterHandlerImpl.prototype;
  const server = ZmqServer && ZmqServer.prototype;
  if (!handler || !server || typeof handler.handleExecuteImpl !== "function" || typeof handler.handleKernel !== "function" || typeof server.handleExecute !== "function") {
    throw new Error("tslab's jupyter.js does not have the expected classes");
  }

  const tslabVersion = versionOf(tslabDir);
  const kernelInfo = handler.handleKernel;
  handler.handleKernel = function () {
    // Every reply of the protocol carries a status; ipykernel sends "ok" here, tslab sends none.
    const reply = { status: "ok", ...kernelInfo.call(this) };
    if (tslabVersion) reply.implementation_version = tslabVersion;
    if (typescriptVersion && !this.isJs) reply.language_info.version = typescriptVersion;
    if (!this.isJs) reply.banner = `TypeScript ${typescriptVersion || ""} on tslab ${tslabVersion || ""} (Descent)`.replace(/\s+/g, " ");
    return reply;
  };

  // handleExecuteImpl runs queued, one cell at a time, and increments execCount itself: the count
  // it is about to give is execCount + 1. The IOPub writer comes from ZmqServer.handleExecute,
  // which knows the request message; it hands a publisher along on the writeStream function.
  const executeImpl = handler.handleExecuteImpl;
  handler.handleExecuteImpl = function (req, writeStream, writeDisplayData) {
    if (typeof writeStream.publishInput === "function") writeStream.publishInput(req.code, this.execCount + 1);
    return executeImpl.call(this, req, writeStream, writeDisplayData);
  };

  const handleExecute = server.handleExecute;
  server.handleExecute = function (sock, msg) {
    const self = this;
    const inner = this.handler;
    const original = inner.handleExecute;
    // Wrap only this request's call: handleExecute(req, writeStream, writeDisplayData).
    inner.handleExecute = function (req, writeStream, writeDisplayData) {
      inner.handleExecute = original;
      writeStream.publishInput = (code, count) => {
        const m = msg.createReply();
        m.header.msg_type = "execute_input";
        m.content = { code, execution_count: count };
        m.signAndSend(self.connInfo.key, self.iopub);
      };
      return original.call(this, req, writeStream, writeDisplayData);
    };
    return handleExecute.call(this, sock, msg);
  };
  return { tslabVersion, typescriptVersion };
}

module.exports = { patchTslabProtocol };
