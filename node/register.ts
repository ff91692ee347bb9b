/** `node --import paylens/register app.js`: diagnoses the application's provider calls. */
import { startHook } from './hook';

startHook({ env: process.env, cwd: process.cwd(), stderr: (text) => process.stderr.write(text) });
