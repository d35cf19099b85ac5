#pragma once
// The feature-space choices the decode panel and the training dialog offer: SE, ME, AF, NF (with the NF scale)
// and Shikra, as combo box items whose data is core's space name ("se", "me", "af", "nf", "shikra").
#include <QCoreApplication>

class QComboBox;

namespace vindex::studio {

class SpaceOptions {
    Q_DECLARE_TR_FUNCTIONS(SpaceOptions)

public:
    static void fillSpaces(QComboBox *combo);
    // NF's visual tokens after pooling: data 0 = the model's default, else 1, 9, 36, 144, 576.
    static void fillScales(QComboBox *combo);
    // Selects the item with this data; false when there is none.
    static bool select(QComboBox *combo, const QVariant &data);
};

} // namespace vindex::studio
