import { Inject, Injectable } from '@nestjs/common';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';

export interface SchoolInfo {
  name: string;
  timeZone: string;
}

/** Name and time zone of each school, from configuration, with defaults for unlisted ones. */
@Injectable()
export class SchoolDirectory {
  private readonly schools: Map<string, SchoolInfo>;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.schools = new Map(config.schools.list.map((school) => [school.schoolId, { name: school.name, timeZone: school.timeZone }]));
  }

  get(schoolId: string | null): SchoolInfo {
    return (
      (schoolId && this.schools.get(schoolId)) || {
        name: this.config.schools.defaultName,
        timeZone: this.config.schools.defaultTimeZone,
      }
    );
  }
}
