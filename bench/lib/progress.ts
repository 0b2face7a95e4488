/** A one-line progress bar on stderr. */
export function progressBar(label: string, total: number) {
  const started = performance.now();
  let last = -1;
  return (done: number) => {
    const pct = Math.floor((done / total) * 100);
    if (pct === last && done !== total) return;
    last = pct;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const rate = done / ((performance.now() - started) / 1000 || 1);
    process.stderr.write(
      `\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} (${Math.round(rate)}/s)`,
    );
    if (done === total) process.stderr.write("\n");
  };
}
