import { useEffect, useState } from 'react';

/**
 * A QR code as an SVG image: sharp at any size on a projector. Rendered to a data URL,
 * which the server's CSP allows for images. The encoder is a chunk of its own, loaded
 * after the board has drawn its map (bench/boardRender.ts: first render).
 */
export function QrCode({ value, label, size }: { value: string; label: string; size: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      )
      .then((svg) => {
        if (current) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (current) setSrc(null);
      });
    return () => {
      current = false;
    };
  }, [value]);
  if (!src) return <div className="qr qr--empty" style={{ width: size, height: size }} />;
  return <img className="qr" src={src} alt={label} width={size} height={size} />;
}
