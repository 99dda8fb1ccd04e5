/**
 * A small picture from another site (an item's shop image), at a fixed size. A plain <img>: these
 * images are not optimised by Brisk anyway, and next/image would add 5 kB of script to the page's
 * first load for nothing.
 */
export function Thumbnail({ src, size, className }: { src: string; size: number; className?: string }) {
  // eslint-disable-next-line @next/next/no-img-element -- see above
  return <img src={src} alt="" width={size} height={size} loading="lazy" decoding="async" referrerPolicy="no-referrer" className={className} />;
}
