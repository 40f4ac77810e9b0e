import { Inject, Injectable } from '@nestjs/common';
import { deadlineState } from '../delivery-policy/deadline';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { DeadlineRepository } from './deadline.repository';
import type { DeadlineItem } from './deadline-item.schema';

export type DeadlineState = 'on-track' | 'at-risk' | 'breached' | 'met';

export interface DeadlineView {
  itemId: string;
  kind: DeadlineItem['kind'];
  guardianId: string;
  studentId: string;
  subject: string;
  resultsObtainedAt: string;
  deadlineAt: string;
  deliveredAt: string | null;
  deliveredVia: string | null;
  arrivedLate: boolean;
  state: DeadlineState;
  /** Milliseconds left until the deadline; negative once it has passed. */
  msLeft: number;
}

const URGENCY: Record<DeadlineState, number> = { breached: 0, 'at-risk': 1, 'on-track': 2, met: 3 };

/** The state of every result that must reach a guardian by its deadline. */
@Injectable()
export class DeadlineService {
  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly deadlines: DeadlineRepository,
  ) {}

  view(item: DeadlineItem, now: Date): DeadlineView {
    return {
      itemId: item.itemId,
      kind: item.kind,
      guardianId: item.guardianId,
      studentId: item.studentId,
      subject: item.subject,
      resultsObtainedAt: item.resultsObtainedAt.toISOString(),
      deadlineAt: item.deadlineAt.toISOString(),
      deliveredAt: item.deliveredAt?.toISOString() ?? null,
      deliveredVia: item.deliveredVia,
      arrivedLate: item.arrivedLate,
      state: deadlineState({
        deadline: item.deadlineAt,
        now,
        atRiskHours: this.config.deadline.atRiskHours,
        deliveredAt: item.deliveredAt,
      }),
      msLeft: item.deadlineAt.getTime() - now.getTime(),
    };
  }

  /** Items sorted by urgency: breached first, then at risk, then by time left. */
  async list(
    filter: { guardianId?: string; studentId?: string; state?: DeadlineState },
    now = new Date(),
    limit = 500,
  ): Promise<DeadlineView[]> {
    const items = await this.deadlines.findAll({ ...filter, openOnly: false }, limit);
    return items
      .map((item) => this.view(item, now))
      .filter((view) => !filter.state || view.state === filter.state)
      .sort((left, right) => URGENCY[left.state] - URGENCY[right.state] || left.msLeft - right.msLeft);
  }
}
