/** How figures are printed, and where the printing goes. */

export const f0 = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 })
export const f1 = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
export const f2 = (n: number) => n.toFixed(2)
export const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS')

export function log(message: string): void {
  process.stdout.write(`${message}\n`)
}
