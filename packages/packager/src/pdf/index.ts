export { locateCjkFont, registerCjkFont, NOTO_CJK_CANDIDATES, type CjkFont } from './font.js';
