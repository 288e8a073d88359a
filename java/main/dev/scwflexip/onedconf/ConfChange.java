package dev.scwflexip.onedconf;

/** One way of editing oned.conf: enabling the driver ({@link OnedConfEditor}) or removing it ({@link OnedConfRemover}). */
interface ConfChange {
  /** Works out the new text; nothing is written here. */
  OnedConfEditor.Outcome edit(String text) throws OnedConfEditor.EditException;
}
