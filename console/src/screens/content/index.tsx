/** Placeholder until this screen is built. */
export function Content() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Content</h1>
      <p>Not built yet.</p>
    </section>
  )
}
