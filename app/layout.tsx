import type { Metadata } from 'next';
import localFont from 'next/font/local';
import type { ReactNode } from 'react';
import './globals.css';

const description = 'Fast dashboards for wishlists, leads, channels, sponsors and projects.';

/**
 * The public origin, for absolute URLs in the page's metadata (the Open Graph image). Read when
 * the pages are prerendered, i.e. at `next build`: build with the BETTER_AUTH_URL you serve on.
 */
function publicOrigin(): URL {
  try {
    return new URL(process.env.BETTER_AUTH_URL || `http://localhost:${process.env.PORT || 3000}`);
  } catch {
    return new URL('http://localhost:3000');
  }
}

/** Geist, cut to the characters and weights the pages use (scripts/subset-font.mjs): 22 kB instead of 70 kB. */
// `optional`: a page shows the fallback when the (preloaded) font is not there in time, instead
// of swapping it in later and moving every line (layout shift).
const geist = localFont({ src: './fonts/geist-latin.woff2', variable: '--font-geist-sans', weight: '400 700', display: 'optional' });

// The files named here live in public/ (proxy.ts lets signed-out visitors fetch them).
export const metadata: Metadata = {
  metadataBase: publicOrigin(),
  title: { default: 'Brisk', template: '%s · Brisk' },
  description,
  applicationName: 'Brisk',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
  },
  openGraph: {
    type: 'website',
    siteName: 'Brisk',
    title: 'Brisk',
    description,
    images: [{ url: '/og.png', width: 1200, height: 630, alt: 'Brisk' }],
  },
  twitter: { card: 'summary_large_image', images: ['/og.png'] },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={geist.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
