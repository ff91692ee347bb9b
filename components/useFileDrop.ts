import { useEffect, useRef } from 'preact/hooks';

/** A file dropped anywhere on the panel is imported; `onDragging` lets the panel show it will be. */
export function useFileDrop(onFile: (file: File) => void, onDragging: (dragging: boolean) => void): void {
  const latest = useRef(onFile);
  latest.current = onFile;

  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      onDragging(true);
    };
    const leave = () => onDragging(false);
    const drop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      onDragging(false);
      latest.current(file);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [onDragging]);
}
