"""Suggest ▸ Train model, Suggest with model, Most doubtful first. A part of
:class:`~annotator.gui.main_window.MainWindow`.

Training and suggesting run in a worker thread with their own connection to the project (the
window's connection belongs to the window's thread), behind a progress dialog that does not
block the window: the annotator can go on working, or press Cancel, which stops the work at
its next step and keeps nothing of it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from annotator.learn import LearnUnavailable, require_learn


class _Worker(QObject):
    """Runs one job off the window's thread; ``job(progress, cancelled)`` returns a message."""

    progressed = Signal(str, float)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, job):
        super().__init__()
        self.job = job
        self.stop = threading.Event()

    @Slot()
    def run(self) -> None:
        from annotator.learn.tagger import Cancelled

        try:
            message = self.job(lambda stage, fraction: self.progressed.emit(stage, fraction), self.stop.is_set)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash of the window
            self.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.finished.emit(message)


class ModelActions:
    """Methods of MainWindow (see its module for the state they use)."""

    def _build_suggest_menu(self, bar) -> None:
        menu = bar.addMenu(self.tr("&Suggest"))
        self._action(menu, self.tr("Suggest &quotes and speakers (rules)"), self.suggest_here)
        menu.addSeparator()
        self.train_action = self._action(menu, self.tr("&Train model"), self.train_model)
        self.suggest_model_action = self._action(menu, self.tr("Suggest with &model"), self.suggest_with_model)
        self._action(menu, self.tr("Suggest with a model &from another project…"), self.suggest_with_other_model)
        menu.addSeparator()
        self.doubt_action = self._action(menu, self.tr("Most &doubtful first"), self._doubt_order_changed)
        self.doubt_action.setCheckable(True)
        self.model_job = None

    def model_path(self) -> Path | None:
        from annotator.learn.training import default_model_path

        return None if self.project is None else default_model_path(self.project.location)

    # ------------------------------------------------------------------ train

    def train_model(self) -> None:
        """Train on the documents marked done (gold where there is one) and save the model
        beside the project; again later to retrain as more documents are done."""
        if self.project is None or not self._learn_available():
            return
        project_path, target = self.project.location, self.model_path()

        def job(progress, cancelled):
            from annotator.learn.training import train
            from annotator.store.project import Project

            with Project.open(project_path, readonly=True) as project:
                result = train(project, progress=progress, cancelled=cancelled)
            result.model.save(target)
            f1 = result.held_out_f1()
            held = self.tr("; held-out overlap F1 {0:.2f}").format(f1) if f1 is not None else ""
            return self.tr("Model trained on {0} done document(s) in {1:.0f} s{2}. Saved to {3}.").format(
                result.train_documents, result.seconds, held, target.name)

        self._start_job(self.tr("Training a model on the done documents…"), job)

    # ------------------------------------------------------------------ suggest

    def suggest_with_model(self) -> None:
        if self.project is None or not self._learn_available():
            return
        path = self.model_path()
        if not (path / "model.json").is_file():
            self._warn(self.tr("Suggest with model"),
                       self.tr("No model yet: Suggest ▸ Train model makes one from the documents marked done."))
            return
        self._suggest_with(path)

    def suggest_with_other_model(self) -> None:
        if self.project is None or not self._learn_available():
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Model folder"), str(self.model_path().parent if self.model_path() else Path.home()))
        if folder:
            self._suggest_with(Path(folder))

    def _suggest_with(self, model_folder: Path) -> None:
        project_path = self.project.location

        def job(progress, cancelled):
            from annotator.learn.training import load, suggest_with_model
            from annotator.store.project import Project

            model = load(model_folder)
            with Project.open(project_path) as project:
                ids = project.document_ids()
                added = suggest_with_model(project, model, ids, lambda f: progress(self.tr("suggesting"), f),
                                           cancelled)
            return self.tr("{0} new suggestion(s) from the model in {1} document(s).").format(added, len(ids))

        self._start_job(self.tr("Suggesting with the model…"), job)

    # ------------------------------------------------------------------ the job

    def _learn_available(self) -> bool:
        try:
            require_learn()
        except LearnUnavailable as exc:
            self._warn(self.tr("Model"), str(exc))
            return False
        return True

    def _start_job(self, title: str, job) -> None:
        if self.model_job is not None:
            self.statusBar().showMessage(self.tr("A model job is running already."), 5000)
            return
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, 1000, self)
        dialog.setWindowTitle(self.tr("Model"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        thread = QThread(self)
        worker = _Worker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._job_progressed)
        worker.finished.connect(self._job_finished)
        worker.failed.connect(self._job_failed)
        worker.cancelled.connect(self._job_cancelled)
        dialog.canceled.connect(worker.stop.set)
        self.model_job = (thread, worker, dialog)
        self.train_action.setEnabled(False)
        self.suggest_model_action.setEnabled(False)
        thread.start()
        dialog.show()

    def _job_progressed(self, stage: str, fraction: float) -> None:
        if self.model_job is not None:
            dialog = self.model_job[2]
            names = {"held-out trial": self.tr("trial on held-out documents"), "final model": self.tr("final model"),
                     "features": self.tr("reading the documents"), "training": self.tr("training")}
            dialog.setLabelText(" — ".join(names.get(part, part) for part in stage.split(": ")))
            dialog.setValue(int(fraction * 1000))

    def _end_job(self) -> bool:
        """Tidy up after the job; False when it was tidied already (stopped on closing)."""
        if self.model_job is None:
            return False
        thread, worker, dialog = self.model_job
        self.model_job = None
        thread.quit()
        thread.wait()
        worker.deleteLater()
        thread.deleteLater()
        dialog.close()
        dialog.deleteLater()
        self.train_action.setEnabled(True)
        self.suggest_model_action.setEnabled(True)
        return True

    def _job_finished(self, message: str) -> None:
        if not self._end_job():
            return
        self.statusBar().showMessage(message, 15000)
        if self.project is not None:
            self.refresh_documents()
            # Read what the job wrote, as this window's own: the next poll for other programs'
            # changes found it and said "changed by another program" over the job's message.
            if self.doc_id is not None:
                self.reload_spans()
            else:
                self._data_version = self.project.data_version()

    def _job_failed(self, message: str) -> None:
        if not self._end_job():
            return
        self._warn(self.tr("Model"), message)

    def _job_cancelled(self) -> None:
        if not self._end_job():
            return
        self.statusBar().showMessage(self.tr("Cancelled. A model is saved only when training ends; "
                                             "suggestions already stored stay pending."), 10000)

    def stop_model_job(self) -> None:
        """Stop a running job and wait for it (closing the project or the window)."""
        if self.model_job is not None:
            self.model_job[1].stop.set()
            self.model_job[0].quit()
            self.model_job[0].wait()
            self._end_job()

    # ------------------------------------------------------------------ doubt

    def _doubt_order_changed(self) -> None:
        self.refresh_documents()

    def _order_by_doubt(self, listed: list) -> list:
        """Most doubtful first: the documents the model was least sure of, then the rest."""
        if not self.doubt_action.isChecked() or self.project is None:
            return listed
        doubts = self.project.doubts()
        return sorted(listed, key=lambda row: -doubts.get(row[0], -1.0))
