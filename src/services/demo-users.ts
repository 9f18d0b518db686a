/**
 * Demo users exist only when the demo data set is loaded (`regia demo`). Their password is
 * public on purpose: the start page shows it so anyone can try the platform. Never load the
 * demo on a production installation.
 */
export const DEMO_PASSWORD = 'demo-regia-2026';
