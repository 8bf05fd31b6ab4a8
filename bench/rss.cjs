// Preloaded with `node -r bench/rss.cjs` by the bench: at exit, writes the process's peak RSS (KiB)
// and CPU time (µs) as JSON to $DERIVCHECK_BENCH_USAGE. Not part of the product.
const file = process.env.DERIVCHECK_BENCH_USAGE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    require('node:fs').writeFileSync(file, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime }));
  });
}
