/** The machine a run happened on, for the results and docs/performance.md. */
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  node: string;
  platform: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load average when the run started: other work on a shared machine skews figures. */
  loadAverage: number;
}

export function cpuModel(cpuinfo: string | null): string {
  const line = cpuinfo?.split("\n").find((l) => /^model name\s*:/.test(l));
  const fromProc = line?.split(":").slice(1).join(":").trim();
  return fromProc || os.cpus()[0]?.model || "unknown";
}

export function machine(): Machine {
  let cpuinfo: string | null = null;
  try {
    cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  } catch {
    cpuinfo = null;
  }
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: cpuModel(cpuinfo),
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
