import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { RoleLabelPipe } from '@derm/portal/util';
import { StaffMember } from '@derm/shared/contracts';

/** Colleagues to tick, each with their role: whom to start a conversation with, or to add to one. */
@Component({
  selector: 'derm-colleague-checklist',
  imports: [RoleLabelPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset>
      <legend>{{ legend() }}</legend>
      @for (member of colleagues(); track member.id) {
        <label class="check">
          <input
            #box
            type="checkbox"
            [attr.data-testid]="testId()"
            [attr.data-staff-id]="member.id"
            [checked]="selected().has(member.id)"
            (change)="toggle(member.id, box.checked)"
          />
          {{ member.name }} <span class="role">{{ member.role | roleLabel }}</span>
        </label>
      } @empty {
        <p class="none">{{ noneLabel() }}</p>
      }
    </fieldset>
  `,
  styles: `
    fieldset {
      border: 0;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    legend {
      font-size: 0.8rem;
      font-weight: 500;
      color: #475569;
    }
    .check {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.9rem;
    }
    .role,
    .none {
      color: var(--derm-muted);
      font-size: 0.75rem;
    }
    .none {
      margin: 0;
    }
  `,
})
export class ColleagueChecklistComponent {
  readonly colleagues = input.required<readonly StaffMember[]>();
  readonly selected = model.required<ReadonlySet<string>>();
  readonly legend = input.required<string>();
  readonly testId = input.required<string>();
  readonly noneLabel = input('No colleagues to choose.');

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) next.add(id);
    else next.delete(id);
    this.selected.set(next);
  }
}
