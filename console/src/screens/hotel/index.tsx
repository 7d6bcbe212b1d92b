/** Placeholder until this screen is built. */
export function Hotel() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Hotel</h1>
      <p>Not built yet.</p>
    </section>
  )
}
