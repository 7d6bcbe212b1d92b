/** Placeholder until this screen is built. */
export function FrontDesk() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">FrontDesk</h1>
      <p>Not built yet.</p>
    </section>
  )
}
