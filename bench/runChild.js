'use strict';

const { execFile } = require('node:child_process');
const path = require('node:path');

/** Runs a bench script in its own process; resolves its JSON output. */
function runChild(script, args, nodeArgs = []) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeArgs, path.join(__dirname, script), JSON.stringify(args)],
      { maxBuffer: 64 * 1024 * 1024, cwd: path.resolve(__dirname, '..') },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${script} failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

module.exports = { runChild };
