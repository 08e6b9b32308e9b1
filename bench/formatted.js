'use strict';

/**
 * Text in the repository's prettier style, so files the bench and the soak
 * write keep `yarn prettier:check` (part of the test command) green.
 */
function formatted(text, parser) {
  try {
    const prettier = require('prettier');
    return prettier.format(text, {
      ...require('@backstage/cli/config/prettier'),
      parser,
    });
  } catch {
    return text;
  }
}

module.exports = { formatted };
