// npm run build:web: builds apps/web into apps/web/dist and stamps it with the hash of its sources
// (`npm start` does this by itself when the build is missing or stale).
import { buildWeb } from '../apps/server/src/platform/http/web-build.ts';

buildWeb();
console.log('apps/web/dist built');
