import { createServer } from "node:net";

/**
 * The first of `count` consecutive ports that are all free on 127.0.0.1 a moment ago,
 * below Linux's ephemeral range (32768+) so that no outgoing connection takes one in the
 * meantime, and random so that test files running at once do not pick the same ones.
 */
export async function freePortRange(count: number, low = 20_000, high = 32_000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = low + Math.floor(Math.random() * (high - low - count));
    const ports = Array.from({ length: count }, (_, i) => first + i);
    if ((await Promise.all(ports.map(canBind))).every(Boolean)) return first;
  }
  throw new Error(`no ${count} consecutive free ports between ${low} and ${high}`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
