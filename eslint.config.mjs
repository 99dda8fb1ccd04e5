import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'lib/generated/**', '.data/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**', '.lighthouseci/**', 'bench/results/**'] },
];

export default config;
