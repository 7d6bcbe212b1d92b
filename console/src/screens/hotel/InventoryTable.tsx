import type { Schemas } from '../../api/client'
import { money } from '../../time'
import { dayLabel, isWeekend, nightList } from './dates'
import type { Selection } from './EditForm'

type Grid = Schemas['InventoryGrid']
type Night = Grid['room_types'][number]['nights'][number]

/**
 * Room types down, nights across, in a real table: a screen reader announces the room type
 * (row header) and the night (column header) of each cell. For managers each cell is a button
 * that picks the night for the edit form: one click picks a night, a second click on the same
 * row extends it to a range.
 */
export function InventoryTable({
  grid,
  caption,
  selection,
  onPick,
}: {
  grid: Grid
  caption: string
  selection: Selection
  onPick?: (selection: Selection) => void
}) {
  const nights = nightList(grid.from, grid.to)
  const pick = (roomTypeId: string, night: string) => {
    if (!onPick) return
    const first = selection.open && selection.roomTypeId === roomTypeId ? selection.from : null
    if (first && night !== first) onPick({ roomTypeId, from: night < first ? night : first, to: night < first ? first : night, open: false })
    else onPick({ roomTypeId, from: night, to: night, open: true })
  }
  return (
    <div className="scroll hotel-grid" tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Room type</th>
            {nights.map((night) => (
              <th scope="col" key={night} className={isWeekend(night) ? 'weekend' : undefined}>
                {dayLabel(night)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.room_types.map((type) => {
            const byNight = new Map(type.nights.map((n) => [n.night, n]))
            return (
              <tr key={type.room_type_id}>
                <th scope="row">{type.name}</th>
                {nights.map((night) => {
                  const n = byNight.get(night)
                  const picked = selection.roomTypeId === type.room_type_id && night >= selection.from && night <= selection.to
                  const classes = [n?.closed ? 'closed' : '', picked ? 'picked' : '', n ? '' : 'unloaded'].filter(Boolean).join(' ')
                  const content = <CellFacts night={n} prefix={onPick ? `${type.name}, ${dayLabel(night)}: ` : undefined} />
                  return (
                    <td key={night} className={classes || undefined}>
                      {onPick ? (
                        <button type="button" className="cell" aria-pressed={picked} onClick={() => pick(type.room_type_id, night)}>
                          {content}
                        </button>
                      ) : (
                        content
                      )}
                    </td>
                  )
                })}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** A night's figures in words; a button repeats the room type and night for whoever tabs to it. */
function CellFacts({ night, prefix }: { night: Night | undefined; prefix?: string }) {
  return (
    <>
      {prefix && <span className="visually-hidden">{prefix}</span>}
      {!night ? (
        <span className="muted-line">Not loaded</span>
      ) : (
        <>
          <span className="price" title={`Price rule: ${night.rule}`}>
            {money(night.price.amount, night.price.currency)}
          </span>
          <Sep />
          <span>{night.units} units</span>
          <Sep />
          <span>
            {night.held} held, {night.sold} sold
          </span>
          <Sep />
          <span>min stay {night.min_stay}</span>
          <Sep />
          <span className={night.closed ? 'state closed-word' : 'state'}>{night.closed ? 'Closed' : 'Open'}</span>
        </>
      )}
    </>
  )
}

/** The pause between two lines of a cell, heard but not seen. */
const Sep = () => <span className="visually-hidden">, </span>
