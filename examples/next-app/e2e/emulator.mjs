// The local Authgear for this app's tests and development (`npm run emulator`), started with the kit's
// startEmulator() on this app's authgear.yaml: a fresh one on each start (reset), on :3201 unless PORT says.
import { startEmulator } from "@gradual/kit/emulator";

const port = Number(process.env.PORT ?? "3201");
const authgear = await startEmulator({ config: "authgear.yaml", dataDir: process.env.EMULATOR_DATA_DIR ?? ".data/emulator", port });
console.log(`Authgear emulator ready at ${authgear.url}`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    authgear.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
