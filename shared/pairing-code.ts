/**
 * The short code an agent shows while it waits to be approved (`tikmatrix-agent pair`), typed
 * by a person into `npm run admin -- approve-agent` or the dashboard: 8 characters of
 * Crockford's base32 (no I, L, O or U: nothing to misread), shown as two groups of four.
 * 40 bits, alive 10 minutes, approvable only by someone signed in to a workspace.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const PAIRING_CODE_LENGTH = 8;

export function newPairingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PAIRING_CODE_LENGTH));
  // 32 letters: the low five bits of each byte pick one with no bias.
  const code = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A code as a person typed it, in its canonical form ("ab3d 9kx2" is "AB3D-9KX2"; O is 0,
 * I and L are 1, as Crockford reads them); undefined when it cannot be a code.
 */
export function normalizePairingCode(input: string): string | undefined {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (compact.length !== PAIRING_CODE_LENGTH || [...compact].some((ch) => !ALPHABET.includes(ch))) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
