/** Where the journey finds the app and its emulator: ports of their own, beside Gradual's 3100/3101. */
export const APP_URL = "http://localhost:3200";
export const EMULATOR_URL = "http://localhost:3201";
/** The emulator's users, keys and webhook secret; the app reads its Admin API key and the secret here. */
export const EMULATOR_DATA_DIR = ".data/emulator";
