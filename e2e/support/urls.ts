/** Fixed e2e ports (dedicated to the tests; dev uses 3000/3001). */
export const APP_URL = "http://localhost:3100";
export const EMULATOR_URL = "http://localhost:3101";
export const E2E_DATA_DIR = ".data/e2e";
export const EMULATOR_DATA_DIR = `${E2E_DATA_DIR}/emulator`;
