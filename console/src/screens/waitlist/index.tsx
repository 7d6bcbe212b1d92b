/** Placeholder until this screen is built. */
export function Waitlist() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Waitlist</h1>
      <p>Not built yet.</p>
    </section>
  )
}
