/**
 * 1,536 bytes as "1.5 KB": sizes as people read them, in powers of 1,000 as phones show them
 * (Android's Formatter.formatFileSize has used SI units since Android 8; Settings > Storage
 * reads the same way). One decimal below 10, none above. Used by the dashboard (a material's
 * size) and the agent's doctor (a phone's free storage).
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
