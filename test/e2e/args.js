// `--name value` command-line options of the e2e drivers, every one of them required unless it has a default.
function parseArgs(argv, defaults = {}) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`expected --name value, got '${argv[i]}'`);
    options[argv[i].slice(2)] = argv[i + 1];
  }
  return options;
}

function required(options, names) {
  const missing = names.filter((name) => options[name] === undefined);
  if (missing.length) throw new Error(`missing option(s): ${missing.map((n) => `--${n}`).join(' ')}`);
  return options;
}

/** Prefixes a log line with the seconds since the run started (E2E_T0, epoch ms, shared by every driver). */
function stamp(tag) {
  const t0 = Number(process.env.E2E_T0) || Date.now();
  return (...parts) => console.log(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...parts);
}

module.exports = { parseArgs, required, stamp };
