from test_dialogs import dialogs  # noqa

def test_probe(dialogs):
    from qgis.PyQt.QtWidgets import QLabel, QApplication, QCheckBox, QScrollArea, QWidget
    from qgis.PyQt.QtCore import QPoint
    from qgis.PyQt.QtWidgets import QGroupBox
    single, _ = dialogs
    for name in ["exporttiles", "estimateexporttilessize", "importtiles"]:
        d = single(name)
        d.show()
        from qgis.gui import QgsCollapsibleGroupBoxBasic
        for g in d.findChildren(QWidget, 'grpAdvanced'):
            print('set', g.setProperty('collapsed', False), g.property('collapsed'))
            print("group", type(g).__name__, g.title())
        from qgis.PyQt.QtCore import QObject
        for o in d.findChildren(QObject):
            if 'dvanc' in o.objectName() or (hasattr(o,'title') and 'dvanc' in str(o.title())): print('OBJ', o.objectName(), o.metaObject().className(), [o.metaObject().method(i).name().data().decode() for i in range(o.metaObject().methodOffset(), o.metaObject().methodCount())])
        QApplication.processEvents()
        print("\n==", name, d.size())
        area = [a for a in d.findChildren(QScrollArea) if a.widget() and a.widget().findChildren(QLabel)][-1]
        vp = area.viewport()
        print("viewport", vp.width(), "content", area.widget().width(), area.widget().minimumSizeHint().width())
        for w in area.widget().findChildren(QWidget):
            if not w.isVisible(): continue
            x = w.mapTo(vp, QPoint(0, 0)).x()
            right = x + w.sizeHint().width()
            if right > vp.width() or isinstance(w, (QLabel, QCheckBox)):
                print(type(w).__name__, x, w.sizeHint().width(), w.minimumSizeHint().width(), repr((w.text() if hasattr(w, "text") and callable(w.text) else "")[:60]), "CUT" if right > vp.width() else "")
        d.hide()
