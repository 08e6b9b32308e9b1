'use strict';

const http = require('node:http');
const { performance } = require('node:perf_hooks');
const settings = require('./settings');

const SAMPLE_MS = 50;

/**
 * Downloads the evidence of the whole dataset (CSV, every service) once,
 * counting its records as they stream, and samples the backend's resident
 * memory meanwhile: the extra memory is the peak during the export over the
 * resident memory just before it.
 */
async function measureEvidence(backend) {
  const before = backend.memory().rssMiB;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, backend.memory().rssMiB);
  }, SAMPLE_MS);
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000)
    .toISOString()
    .slice(0, 10);
  const url = new URL(
    `/api/process-exceptions/v1/evidence?from=2000-01-01&to=${tomorrow}`,
    backend.baseUrl,
  );
  const start = performance.now();
  try {
    const counts = await new Promise((resolve, reject) => {
      const req = http.get(
        url,
        { headers: { authorization: `Bearer ${settings.token}` } },
        res => {
          if (res.statusCode !== 200) {
            reject(new Error(`evidence export answered ${res.statusCode}`));
            res.resume();
            return;
          }
          const tally = { bytes: 0, exception: 0, task: 0, finding: 0 };
          let tail = '';
          res.setEncoding('utf8');
          res.on('data', chunk => {
            tally.bytes += Buffer.byteLength(chunk);
            const lines = (tail + chunk).split('\r\n');
            tail = lines.pop();
            for (const line of lines) {
              const record = line.slice(0, line.indexOf(','));
              if (record in tally) tally[record] += 1;
            }
          });
          res.on('end', () => resolve(tally));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
    });
    peak = Math.max(peak, backend.memory().rssMiB);
    return {
      seconds: (performance.now() - start) / 1000,
      ...counts,
      extraMiB: peak - before,
    };
  } finally {
    clearInterval(sampler);
  }
}

module.exports = { measureEvidence };
