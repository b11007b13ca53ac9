/**
 * template: render a controller-side Jinja2 file with the task's variables (the renderer comes
 * from the context), then plan it exactly like copy with content.
 */
import { readControllerText } from '../../vault/read.js';
import { basename } from 'node:path';
import schema from '../../../schemas/modules/template.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import { planContent } from './content-plan.js';
import { findSource, localMode } from './source.js';
import type { TemplateArgs } from '../../types/module-args.js';

const template: ModuleDefinition<TemplateArgs> = {
  name: 'template',
  schema,
  async plan(ctx, args) {
    const src = findSource(args.src, ctx.searchPaths.templates);
    let text = ctx.renderTemplate(readControllerText(src), src);
    if (args.newline_sequence && args.newline_sequence !== '\n') text = text.replace(/\r?\n/g, args.newline_sequence);
    const mode = args.mode === 'preserve' ? localMode(src) : args.mode;
    return planContent(ctx, {
      dest: args.dest,
      data: Buffer.from(text),
      afterHeader: src,
      nameInDir: basename(src),
      result: { src },
    }, { ...args, mode });
  },
};

export default template;
