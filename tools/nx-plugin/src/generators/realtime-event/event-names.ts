import { RealtimeEventSchema } from './schema';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const words = (kebab: string) => kebab.split('-');
const capitalized = (word: string) => word[0].toUpperCase() + word.slice(1);
const pascal = (kebab: string) => words(kebab).map(capitalized).join('');
const camel = (kebab: string) => {
  const [first, ...rest] = words(kebab);
  return first + rest.map(capitalized).join('');
};

/** Every name and path the generator writes, derived once from the options. */
export interface EventNames {
  domain: string;
  subject: string;
  /** The wire name, `appointment:completed`. */
  event: string;
  /** The domain event class, `AppointmentCompleted`. */
  className: string;
  /** The contract's payload type, `AppointmentCompletedData`. */
  dataType: string;
  /** The payload's one field, the subject's id: `appointmentId`. */
  idField: string;
  /** The gateway listener method, `completed`. */
  listener: string;
  /** The portal service stream, `completed$`. */
  stream: string;
  /** The file name of the event class and of the spec, without extension: `appointment-completed`. */
  fileStem: string;
  when: string;
}

export function eventNames(options: RealtimeEventSchema): EventNames {
  const domain = options.domain.trim();
  const name = options.name.trim();
  const subject = (options.subject ?? domain.replace(/s$/, '')).trim();
  for (const [option, value] of Object.entries({ domain, name, subject })) {
    if (!KEBAB.test(value)) throw new Error(`--${option} must be kebab case (like checked-in), not "${value}"`);
  }
  const className = pascal(subject) + pascal(name);
  return {
    domain,
    subject,
    event: `${subject}:${name}`,
    className,
    dataType: `${className}Data`,
    idField: `${camel(subject)}Id`,
    listener: camel(name),
    stream: `${camel(name)}$`,
    fileStem: `${subject}-${name}`,
    when: options.when?.trim() || `the service publishes \`${className}\``,
  };
}
