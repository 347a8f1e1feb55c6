/** Fixed e2e ports (dedicated to the tests; dev uses 3000/3001). */
export const APP_URL = "http://localhost:3100";
export const EMULATOR_URL = "http://localhost:3101";
/**
 * The same build served a second time with a third-party source switched on (FULLCONTACT=on, against
 * the stand-in on 3102), for the journeys about third parties and consent; the other journeys use
 * APP_URL, where, as in a fresh deployment, every third party is off. Same emulator, same state store.
 */
export const THIRD_PARTY_APP_URL = "http://localhost:3104";
export const E2E_DATA_DIR = ".data/e2e";
export const EMULATOR_DATA_DIR = `${E2E_DATA_DIR}/emulator`;
