'use strict';

// The plugin's own TypeScript, loaded through Backstage's dev transpiler
// (run this process with `--require @backstage/cli-node/config/nodeTransform.cjs`),
// so the dataset is derived by the plugin's rules and the sweep is the
// plugin's statement, not a copy of them.

const path = require('node:path');

const src = path.resolve(
  __dirname,
  '../plugins/process-exceptions-backend/src',
);

module.exports = {
  pluginSrc: file => require(path.join(src, file)),
  /** The arguments of `node <nodeTransform> <script>`. */
  transformArgs: [
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
  ],
};
