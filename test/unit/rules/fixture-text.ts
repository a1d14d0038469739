/**
 * The wrappers every rule fixture uses: a property body in a one-resource template with an input that has no default
 * (`P` / `var.p`: the unknown value). Its own module, so the fixture files import it without importing each other.
 */

/** A one-resource CloudFormation template `R` with a parameter `P` that has no default. */
export function cfn(type: string, props: string, extra = ''): string {
  const body = props
    .trim()
    .split('\n')
    .map((l) => '      ' + l)
    .join('\n');
  return `Parameters:\n  P:\n    Type: String\nResources:\n  R:\n    Type: ${type}\n    Properties:\n${body}\n${extra}`;
}

/** One Terraform block `r` with a variable `p` that has no default. */
export function tf(type: string, body: string, extra = ''): string {
  return `variable "p" {}\nresource "${type}" "r" {\n${body.trim()}\n}\n${extra}`;
}
