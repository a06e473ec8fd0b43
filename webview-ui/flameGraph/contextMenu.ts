// A small context menu of DOM buttons (labels are our own text; names only via textContent),
// closed by Escape, a click elsewhere or choosing an item; arrow keys move between items.
import { clear, h } from '../shared/element';

export interface MenuItem {
  label: string;
  run: () => void;
  disabled?: boolean;
}

export class ContextMenu {
  private readonly el: HTMLElement;

  constructor(parent: HTMLElement) {
    this.el = h('div', { className: 'flame-menu', attrs: { role: 'menu', id: 'flame-menu' } });
    this.el.hidden = true;
    parent.appendChild(this.el);
    document.addEventListener('mousedown', (e) => {
      if (!this.el.hidden && !this.el.contains(e.target as Node)) this.hide();
    });
    this.el.addEventListener('keydown', (e) => {
      const items = Array.from(this.el.querySelectorAll('button:not([disabled])')) as HTMLButtonElement[];
      const k = items.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'Escape') this.hide();
      else if (e.key === 'ArrowDown') items[(k + 1) % items.length]?.focus();
      else if (e.key === 'ArrowUp') items[(k - 1 + items.length) % items.length]?.focus();
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  show(x: number, y: number, items: MenuItem[]): void {
    clear(this.el);
    for (const it of items) {
      const b = h('button', { text: it.label, attrs: { type: 'button', role: 'menuitem' } });
      b.disabled = !!it.disabled;
      b.addEventListener('click', () => {
        this.hide();
        it.run();
      });
      this.el.appendChild(b);
    }
    this.el.hidden = false;
    const r = this.el.getBoundingClientRect();
    this.el.style.left = `${Math.max(0, Math.min(x, window.innerWidth - r.width - 4))}px`;
    this.el.style.top = `${Math.max(0, Math.min(y, window.innerHeight - r.height - 4))}px`;
    (this.el.querySelector('button:not([disabled])') as HTMLButtonElement | null)?.focus();
  }

  hide(): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    (document.querySelector('.flame-canvas') as HTMLElement | null)?.focus();
  }
}
