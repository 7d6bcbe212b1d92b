/** Placeholder until this screen is built. */
export function Practitioner() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Practitioner</h1>
      <p>Not built yet.</p>
    </section>
  )
}
