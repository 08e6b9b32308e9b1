'use strict';

// The arguments of `node <nodeTransform> <script>`: Backstage's dev
// transpiler, which runs the bench backend from its TypeScript source.

module.exports = {
  transformArgs: [
    '--enable-source-maps',
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
  ],
};
