import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    // Layers (DESIGN.md section 1): arrows point down. Components get server actions as props
    // from the page or layout that renders them, never by importing app/.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app', '@/app/*', '**/app/*'], message: 'Components never import from app/: take the server action as a prop from the page.' }] }],
    },
  },
  { ignores: ['.next/**', '.next-*/**', 'node_modules/**', 'lib/generated/**', '.data/**', 'next-env.d.ts', 'playwright-report/**', 'test-results/**', '.lighthouseci/**', 'bench/results/**'] },
];

export default config;
