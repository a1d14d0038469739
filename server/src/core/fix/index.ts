export { applyEdits, type TextEdit } from './text-edit';
export { fixEdits, ignoreEdits, replaceTypeEdit } from './fix-edits';
