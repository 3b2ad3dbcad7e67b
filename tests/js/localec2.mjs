// Starts the real localec2 binary on a free loopback port (as tests/e2e/harness.py does) and hands out
// AWS SDK for JavaScript v3 EC2 clients for it. LOCALEC2_BIN names the binary; default build/server/localec2.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EC2Client } from "@aws-sdk/client-ec2";

const here = dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.LOCALEC2_BIN ?? join(here, "../../build/server/localec2");

export class LocalEc2 {
  // Resolves once the server logs the port it listens on; rejects if it exits or takes over 30 s.
  async start(...args) {
    this.dataDir = mkdtempSync(join(tmpdir(), "localec2-js-"));
    this.output = "";
    this.proc = spawn(BIN, ["--port", "0", "--data-dir", this.dataDir, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    this.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`localec2 did not listen within 30 s: ${this.output}`)), 30000);
      const onData = (chunk) => {
        this.output += chunk;
        const found = /listening on http:\/\/[\d.]+:(\d+)/.exec(this.output);
        if (found) {
          clearTimeout(timer);
          resolve(Number(found[1]));
        }
      };
      this.proc.stdout.on("data", onData);
      this.proc.stderr.on("data", onData);
      this.proc.on("error", (e) => { clearTimeout(timer); reject(e); });
      this.proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`localec2 exited with ${code}: ${this.output}`)); });
    });
    return this;
  }

  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const exited = new Promise((resolve) => this.proc.once("exit", resolve));
      this.proc.kill("SIGTERM");
      await exited;
    }
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  get endpoint() {
    return `http://127.0.0.1:${this.port}`;
  }

  // An EC2 client signing for `region` with static test keys; no retries, so errors surface at once.
  client(region = "us-east-1", accessKeyId = "test") {
    return new EC2Client({ endpoint: this.endpoint, region, maxAttempts: 1,
                           credentials: { accessKeyId, secretAccessKey: "test" } });
  }
}

// Waiter settings for localec2, whose transitions take no time by default: poll every second, 30 s at most.
export function waitOn(client) {
  return { client, minDelay: 1, maxDelay: 1, maxWaitTime: 30 };
}

// The error `promise` rejects with; fails if it resolves.
export async function errorOf(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}
