// Refuses to run npm start / npm test on a Node.js older than 22.18, naming the fix.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `Pishkhan needs Node.js >= 22.18 (24 LTS recommended); this shell has ${process.versions.node}.\n` +
      'Fix: run ". scripts/node-env.sh" (installs Node 24 from the npm registry into scripts/node-runtime), then try again.',
  );
  process.exit(1);
}
