// Loaded with node -r by bench/paired.mjs: writes the process's CPU time (user + system, s) at exit.
'use strict';
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.getBuiltinModule('node:fs').writeFileSync(process.env.PARTNER_CHECK_BENCH_CPU, String((user + system) / 1e6));
});
